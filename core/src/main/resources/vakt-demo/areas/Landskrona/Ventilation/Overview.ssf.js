// ServerSideFunctions of the view Ventilation/Overview (see docs/server-side-functions.md).
// A view's code calls them as accounts.demo.services.ssf.execute with [<Base64 path of this view>, "<name>"]
// and the function's arguments as kwargs. Each is called fn(kwargs, callInfo).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Arithmetic: {a, b} -> a + b.
function add(kwargs) {
  const { a, b } = kwargs;
  if (typeof a !== "number" || typeof b !== "number") {
    throw new Error("add needs two numbers, a and b");
  }
  return a + b;
}

// A counter that survives restarts: kept by callInfo.context.state in the server's store.
async function countVisit(kwargs, callInfo) {
  const { state } = callInfo.context;
  let visits = 0;
  try {
    visits = await state.get({ key: "visits" });
  } catch (e) {
    if (e.uri !== "vakt.error.no_such_state") throw e; // the first visit: no value yet
  }
  visits += 1;
  await state.set({ data: visits, key: "visits" });
  return { visits };
}

// Reads live values. The first read of a point nobody watched yet says Pending (type 5): poll again.
async function readSupplyAir(kwargs, callInfo) {
  const addresses = ["AHU1.GT11", "AHU1.GT11_SP"];
  for (let attempt = 0; attempt < 20; attempt++) {
    const values = await callInfo.context.legacy.read(addresses);
    if (values.every((v) => v.type !== 5)) {
      return { supplyAir: values[0].value, setpoint: values[1].value, timestamp: values[0].timestamp };
    }
    await sleep(250);
  }
  throw new Error("the controller did not answer in time");
}

// Writes a live value, with the caller's rights: a Guest is refused (wamp.error.not_authorized).
async function setSupplyAirSetpoint(kwargs, callInfo) {
  const written = await callInfo.context.legacy.write({ variable: "AHU1.GT11_SP", value: kwargs.value });
  return { setpoint: written.value };
}

// An async function that reports progress: call it with receive_progress to see each step.
async function slowSum(kwargs, callInfo) {
  const numbers = Array.isArray(kwargs.numbers) ? kwargs.numbers : [1, 2, 3];
  let sum = 0;
  for (let i = 0; i < numbers.length; i++) {
    await sleep(100);
    sum += numbers[i];
    callInfo.details.progress({ step: i + 1, of: numbers.length, sum });
  }
  return { sum };
}

// Fails on purpose, to show what a caller receives: ERROR wamp.error.runtime_error with this message.
function fail() {
  throw new Error("This function fails on purpose");
}

return { add, countVisit, readSupplyAir, setSupplyAirSetpoint, slowSum, fail };
