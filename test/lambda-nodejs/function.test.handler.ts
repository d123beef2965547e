// The default entry of the NodejsFunction with id 'handler' created in function.test.ts.
export const handler = async (): Promise<{ statusCode: number }> => ({ statusCode: 200 });
