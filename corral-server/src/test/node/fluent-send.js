// Sends events to a Fluent forward input with the npm package fluent-logger, as a Node.js service configured with
// a shared key would (security: {clientHostname, sharedKey}; requireAckResponse: each event waits for its ack).
// Usage: node fluent-send.js <port> <sharedKey> <clientHostname> <tag> <count>
// Prints "acked <count>" and exits 0 once every event was acknowledged; prints "error: <message>" and exits 2 on the
// first error (a refused handshake: "Authentication failed: <the PONG's reason>"), 3 when nothing happens in 30 s.
'use strict';
const logger = require('fluent-logger');

const [port, sharedKey, clientHostname, tag, count] = process.argv.slice(2);
const quiet = { info() {}, error() {} };
const sender = logger.createFluentSender(null, {
  host: '127.0.0.1',
  port: Number(port),
  timeout: 5.0,
  enableReconnect: false,
  requireAckResponse: true,
  ackResponseTimeout: 20000,
  internalLogger: quiet,
  security: { clientHostname, sharedKey },
});
const fail = (message, code) => {
  console.log('error: ' + message);
  process.exit(code);
};
sender.on('error', (error) => fail(error.message, 2));
setTimeout(() => fail('nothing happened within 30 s', 3), 30000).unref();

let acked = 0;
const sendNext = () => {
  if (acked === Number(count)) {
    console.log('acked ' + acked);
    sender.end();
    process.exit(0);
  }
  sender.emit(tag, { message: 'event ' + acked + ' from fluent-logger', seq: acked }, (error) => {
    if (error) {
      fail(error.message, 2);
    }
    acked++;
    sendNext();
  });
};
sendNext();
