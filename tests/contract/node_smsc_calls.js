// Runs calls of the npm package node-smsc against the SMSC sandbox and prints the outcomes
// as one JSON array: {"ok": <resolved value>} or {"error": {name, message, response}}.
// Usage: node node_smsc_calls.js <install dir> <sandbox /sys/ URL> <JSON of options> <JSON of calls>
// options: what node-smsc's init takes (login, password, hashed);
// calls: [{"method": "balance", "query": {...}, "files": [{"field", "value"}]}, ...], in order.
'use strict'
const path = require('path')

const [installDir, url, optionsJson, callsJson] = process.argv.slice(2)
const initSmsc = require(path.join(installDir, 'node_modules', 'node-smsc'))
const smsc = initSmsc(Object.assign({ request: url }, JSON.parse(optionsJson)))

async function main () {
  const results = []
  for (const call of JSON.parse(callsJson)) {
    const options = call.files ? { files: call.files } : {}
    try {
      results.push({ ok: await smsc[call.method](Object.assign({}, call.query || {}), options) })
    } catch (err) {
      results.push({
        error: { name: err.name, message: err.message, response: err.response || null }
      })
    }
  }
  process.stdout.write(JSON.stringify(results))
}

main().catch(function (err) {
  process.stderr.write(String(err && err.stack ? err.stack : err))
  process.exit(1)
})
