// Runs the Office.js add-in's own JavaScript, as `buurtxl serve` serves it, in Node.
//
//   node officejs_client.mjs http://127.0.0.1:PORT < calls.json > results.json
//
// calls.json: [{"functie": "SUBSIDIE_TOTAAL", "args": [[[5850]], ...]}, ...], every parameter given
// (an omitted optional one as null, as Excel passes it). Each result is {"waarde": ...} or
// {"fout": {"code": ..., "melding": ...}} for a CustomFunctions.Error the add-in threw.
//
// The client code is xlwings' and is not reimplemented here: custom-functions-code (from
// /xlwings/custom-functions-code), the HTTP helper and culture look-ups of /static/js/utils.js,
// and the config the server embeds in /taskpane.html. This file only stands in for what Excel's
// JavaScript runtime provides: Office, Excel, CustomFunctions, window.location and XMLHttpRequest.

import vm from "node:vm";

const basis = process.argv[2];
if (!basis || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(basis)) {
  console.error("gebruik: node officejs_client.mjs http://127.0.0.1:POORT (alleen loopback)");
  process.exit(2);
}

async function haal(pad) {
  const antwoord = await fetch(basis + pad);
  if (!antwoord.ok) throw new Error(`${pad}: HTTP ${antwoord.status}`);
  return await antwoord.text();
}

// --- What Excel's runtime provides -------------------------------------------------------------

// Excel's CustomFunctionsRuntime 1.4 and ExcelApi 1.12 (Microsoft 365), Dutch culture.
const ondersteund = { CustomFunctionsRuntime: 1.4, ExcelApi: 1.12, SharedRuntime: 1.1 };
globalThis.Office = {
  onReady(terug) {
    if (terug) terug({ host: "Excel", platform: "PC" });
    return Promise.resolve({ host: "Excel", platform: "PC" });
  },
  context: {
    requirements: {
      isSetSupported: (naam, versie) => (ondersteund[naam] ?? 0) >= Number(versie),
    },
  },
};

class RequestContext {
  constructor() {
    this.workbook = { name: "buurtxl_officejs.xlsx", load() {} };
    this.application = {
      cultureInfo: {
        name: "nl-NL",
        load() {},
        datetimeFormat: { shortDatePattern: "d-M-yyyy", load() {} },
      },
    };
  }
  async sync() {}
}
globalThis.Excel = { RequestContext, run: async (f) => f(new RequestContext()) };

const functies = new Map();
class CustomFunctionsError extends Error {
  constructor(code, melding) {
    super(melding);
    this.code = code;
    this.melding = melding;
  }
}
globalThis.CustomFunctions = {
  associate: (id, f) => functies.set(id, f),
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!" },
};

globalThis.window = { location: { origin: basis } };
// A browser has Web Crypto on globalThis (the add-in makes its session id with it); Node 18 does not.
if (!globalThis.crypto) globalThis.crypto = (await import("node:crypto")).webcrypto;

// The browser's XMLHttpRequest, the little of it that utils.js uses, over Node's fetch.
globalThis.XMLHttpRequest = class {
  open(methode, url) {
    this.methode = methode;
    this.url = url;
    this.koppen = {};
  }
  setRequestHeader(naam, waarde) {
    this.koppen[naam] = waarde;
  }
  getResponseHeader(naam) {
    return this.antwoordKoppen?.get(naam) ?? null;
  }
  send(body) {
    const signaal = this.timeout ? AbortSignal.timeout(this.timeout) : undefined;
    fetch(this.url, { method: this.methode, headers: this.koppen, body, signal: signaal })
      .then(async (antwoord) => {
        this.status = antwoord.status;
        this.statusText = antwoord.statusText;
        this.antwoordKoppen = antwoord.headers;
        this.responseText = await antwoord.text();
        this.onload();
      })
      .catch((fout) => (fout.name === "TimeoutError" ? this.ontimeout() : this.onerror()));
  }
};

// --- The add-in's own code, as the server serves it ---------------------------------------------

const taakvenster = await haal("/taskpane.html");
const config = taakvenster.match(/<script id="config" type="application\/json">([\s\S]*?)<\/script>/);
if (!config) throw new Error("/taskpane.html bevat geen config");
globalThis.config = JSON.parse(config[1]);

const utils = await import(
  "data:text/javascript;base64," + Buffer.from(await haal("/static/js/utils.js")).toString("base64")
);
globalThis.xlwings = { getCultureInfoName: utils.getCultureInfoName, getDateFormat: utils.getDateFormat };
if (!globalThis.xwRequest) throw new Error("utils.js zette xwRequest niet");

vm.runInThisContext(await haal("/xlwings/custom-functions-code"), { filename: "custom-functions-code.js" });

// --- The calls, as Excel makes them ---------------------------------------------------------------

let invoer = "";
for await (const stuk of process.stdin) invoer += stuk;
const uitkomsten = [];
for (const [i, { functie, args }] of JSON.parse(invoer).entries()) {
  const f = functies.get(functie);
  if (!f) throw new Error(`${functie} is niet geregistreerd met CustomFunctions.associate`);
  const aanroep = { address: `Voorbeeld!B${i + 1}`, setResult() {} };
  try {
    uitkomsten.push({ waarde: await f(...args, aanroep) });
  } catch (fout) {
    if (!(fout instanceof CustomFunctionsError)) throw fout;
    uitkomsten.push({ fout: { code: fout.code, melding: fout.melding } });
  }
}
process.stdout.write(JSON.stringify({ geregistreerd: [...functies.keys()], uitkomsten }));
