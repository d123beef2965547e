// The chat example's app: `npx wsgate synth examples/chat/app.ts` writes its cloud assembly (deployable
// with `cdk deploy --app cdk.out`); `npm start` serves it with the chat page (examples/chat/serve.ts).
import { App } from 'wsgate';
import { ChatStack } from './chat-stack.js';

const app = new App();
new ChatStack(app, 'ChatStack');
app.synth();
