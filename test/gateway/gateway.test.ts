import { compatSuite } from './support/compat-suite.js';
import { awsCdkLibrary, wsgateLibrary } from './support/chat-fixture.js';

compatSuite('an app built with wsgate', wsgateLibrary);
compatSuite('the same app built with aws-cdk-lib, served unchanged', awsCdkLibrary);
