import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { heapLimitMb, instanceEnvironment, newLogStreamName, regionOf } from '../../../src/gateway/invocation/lambda-environment.js';
import { inlineFunction } from './helpers.js';

describe('regionOf', () => {
  test('reads the region of a function ARN, with a fallback', () => {
    // THEN
    assert.equal(regionOf('arn:aws:lambda:eu-west-3:111122223333:function:f'), 'eu-west-3');
    assert.equal(regionOf('arn:aws-cn:lambda:cn-north-1:111122223333:function:f'), 'cn-north-1');
    assert.equal(regionOf('not an arn'), 'us-east-1');
    assert.equal(regionOf('arn:aws:lambda::111122223333:function:f', 'ap-east-1'), 'ap-east-1');
  });
});

describe('newLogStreamName', () => {
  test('has Lambda\'s shape', () => {
    // WHEN
    const name = newLogStreamName(new Date(Date.UTC(2024, 0, 5)));
    // THEN
    assert.match(name, /^2024\/01\/05\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});

describe('heapLimitMb', () => {
  test('gives the heap 90% of the memory, never under 256 MB', () => {
    // THEN
    assert.equal(heapLimitMb(128), 256);
    assert.equal(heapLimitMb(1024), 921);
  });
});

describe('instanceEnvironment', () => {
  const base = { taskRoot: '/task', runtimeDir: '/runtime', logStreamName: 'stream', projectDir: '/project' };

  test('the function may override unreserved defaults but not reserved variables; extraEnv wins', () => {
    // GIVEN
    const fn = inlineFunction('', {
      functionName: 'f',
      functionArn: 'arn:aws:lambda:sa-east-1:111122223333:function:f',
      environment: { TZ: 'Europe/Paris', AWS_REGION: 'xx-fake-1', OWN: 'own' },
    });
    // WHEN
    const env = instanceEnvironment({ ...base, fn, extraEnv: { OWN: 'extra' }, hostEnv: { PATH: '/bin', HOME: '/home/me', AWS_PROFILE: 'dev' } });
    // THEN
    assert.equal(env.TZ, 'Europe/Paris');
    assert.equal(env.AWS_REGION, 'sa-east-1');
    assert.equal(env.OWN, 'extra');
    assert.equal(env.PATH, '/bin');
    assert.equal(env.HOME, undefined);
    assert.equal(env.AWS_PROFILE, undefined);
    assert.equal(env.LAMBDA_TASK_ROOT, '/task');
    assert.equal(env.LAMBDA_RUNTIME_DIR, '/runtime');
    assert.equal(env.AWS_LAMBDA_LOG_STREAM_NAME, 'stream');
    assert.ok(env.NODE_PATH.startsWith('/task'));
  });
});
