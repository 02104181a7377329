// The program a sandbox child process runs (`node -e`): it loads the built bundle once (warm,
// like a Lambda execution environment), then serves invoke messages over the IPC channel with
// a Lambda-like context. Kept as source text so it survives bundling of the local app.

/** JavaScript source of the sandbox runtime. */
export const SANDBOX_BOOTSTRAP_SOURCE = String.raw`
'use strict';
let handler = null;
let current = null;
function send(msg, then) {
  if (!process.connected) { if (then) then(); return; }
  process.send(msg, then);
}
function errorOf(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: String(err.message) };
  return { errorType: typeof err === 'string' ? 'string' : 'Error', errorMessage: String(err) };
}
function typed(name, message) { const e = new Error(message); e.name = name; return e; }
function load(bundlePath, handlerName) {
  if (handler) return handler;
  let mod;
  try {
    mod = require(bundlePath);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') throw typed('Runtime.ImportModuleError', 'Error: ' + err.message);
    if (err instanceof SyntaxError) throw typed('Runtime.UserCodeSyntaxError', 'SyntaxError: ' + err.message);
    throw err;
  }
  const fn = mod && mod[handlerName];
  if (typeof fn !== 'function') throw typed('Runtime.HandlerNotFound', bundlePath + '.' + handlerName + ' is undefined or not exported');
  handler = fn;
  return fn;
}
function call(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err) reject(err); else resolve(result);
    };
    let out;
    try { out = fn(event, context, callback); } catch (err) { callback(err); return; }
    if (out && typeof out.then === 'function') out.then((r) => callback(null, r), (e) => callback(e === undefined ? new Error('rejected') : e));
    else if (fn.length < 3) callback(null, out);
  });
}
process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  current = msg.requestId;
  const deadline = msg.deadlineMs;
  const context = {
    awsRequestId: msg.requestId,
    functionName: msg.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: msg.functionArn,
    memoryLimitInMB: String(msg.memoryLimitMb),
    logGroupName: '/aws/lambda/' + msg.functionName,
    logStreamName: 'local/[$LATEST]' + msg.sandboxId,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let reply;
  try {
    const result = await call(load(msg.bundlePath, msg.handlerName), msg.event, context);
    let json;
    try { json = result === undefined ? 'null' : JSON.stringify(result); } catch (err) {
      reply = { type: 'result', requestId: msg.requestId, ok: false, errorType: 'Runtime.MarshalError', errorMessage: 'Unable to stringify response body: ' + err.message };
    }
    if (!reply) reply = { type: 'result', requestId: msg.requestId, ok: true, payloadJson: json === undefined ? 'null' : json };
  } catch (err) {
    reply = Object.assign({ type: 'result', requestId: msg.requestId, ok: false }, errorOf(err));
  }
  current = null;
  send(reply);
});
// The parent is gone (closed, crashed or SIGKILLed): no one can take a result any more, and a
// sandbox in its own process group would otherwise live on.
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', (reason) => {
  const m = reason instanceof Error ? reason.message : String(reason);
  send({ type: 'crash', requestId: current, errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: m }, () => process.exit(128));
});
process.on('uncaughtException', (err) => {
  send(Object.assign({ type: 'crash', requestId: current }, errorOf(err)), () => process.exit(129));
});
`;
