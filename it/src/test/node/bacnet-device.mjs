// A BACnet/IP device for Vakt's BACnet driver tests, on @bacnet-js/client (an independent encoder/decoder).
// Usage: node bacnet-device.mjs <udpPort> <deviceInstance>
// The protocol encoding is the library's; the object behaviour below is ours: priority arrays with relinquish,
// write-access-denied for inputs, SubscribeCOV with confirmed/unconfirmed notifications and lifetimes, and one
// object (AV2) that refuses COV so the driver has to poll it. Prints "listening <port>" when ready.
import bacnetModule from '@bacnet-js/client';

const Bacnet = bacnetModule.default ?? bacnetModule;
const { ApplicationTag: T, ObjectType, PropertyIdentifier: P, ErrorClass, ErrorCode, StatusFlagsBitString } = bacnetModule;

const port = Number(process.argv[2] ?? 47808);
const deviceInstance = Number(process.argv[3] ?? 260001);
const ALL = 0xffffffff;
const SERVICE = { SUBSCRIBE_COV: 5, READ_PROPERTY: 12, READ_PROPERTY_MULTIPLE: 14, WRITE_PROPERTY: 15 };

/** kind: analog -> REAL, binary -> ENUMERATED, multistate -> UNSIGNED */
function object(type, instance, name, kind, options = {}) {
  return { type, instance, name, kind, units: options.units, commandable: options.commandable ?? false,
    writable: options.writable ?? false, refusesCov: options.refusesCov ?? false,
    value: options.value ?? 0, relinquishDefault: options.relinquishDefault ?? 0,
    priority: new Array(16).fill(null), states: options.states };
}

const objects = [
  object(ObjectType.ANALOG_INPUT, 1, 'Outside_Temp', 'analog', { units: 62, value: 12.5 }),
  object(ObjectType.ANALOG_OUTPUT, 1, 'Damper', 'analog', { units: 98, commandable: true, relinquishDefault: 0 }),
  object(ObjectType.ANALOG_VALUE, 1, 'Setpoint', 'analog', { units: 62, commandable: true, relinquishDefault: 21 }),
  object(ObjectType.ANALOG_VALUE, 2, 'Counter_NoCov', 'analog', { units: 95, refusesCov: true, value: 0 }),
  object(ObjectType.BINARY_INPUT, 1, 'Filter_Alarm', 'binary', { value: 0 }),
  object(ObjectType.BINARY_OUTPUT, 1, 'Pump', 'binary', { commandable: true, relinquishDefault: 0 }),
  object(ObjectType.BINARY_VALUE, 1, 'Enable', 'binary', { commandable: true, relinquishDefault: 1 }),
  object(ObjectType.MULTI_STATE_INPUT, 1, 'Mode_In', 'multistate', { value: 2, states: 3 }),
  object(ObjectType.MULTI_STATE_VALUE, 1, 'Mode', 'multistate', { commandable: true, relinquishDefault: 1, states: 4 }),
];
const device = { type: ObjectType.DEVICE, instance: deviceInstance, name: 'Vakt Test Device ' + deviceInstance };

const find = (id) => id.type === ObjectType.DEVICE && id.instance === deviceInstance
  ? device : objects.find((o) => o.type === id.type && o.instance === id.instance);

function presentValue(o) {
  if (!o.commandable) return o.value;
  const active = o.priority.find((v) => v !== null);
  return active === undefined ? o.relinquishDefault : active;
}

function typed(o, v) {
  if (v === null) return { type: T.NULL, value: null };
  if (o.kind === 'analog') return { type: T.REAL, value: v };
  if (o.kind === 'binary') return { type: T.ENUMERATED, value: v };
  return { type: T.UNSIGNED_INTEGER, value: v };
}

class PropertyError extends Error {
  constructor(errorClass, errorCode) { super(`${errorClass}/${errorCode}`); this.errorClass = errorClass; this.errorCode = errorCode; }
}

/** The values of a property as application-tagged data, or throws PropertyError. */
function read(id, property, index) {
  const o = find(id);
  if (!o) throw new PropertyError(ErrorClass.OBJECT, ErrorCode.UNKNOWN_OBJECT);
  const objectId = { type: T.OBJECTIDENTIFIER, value: { type: o.type, instance: o.instance } };
  switch (property) {
    case P.OBJECT_IDENTIFIER: return [objectId];
    case P.OBJECT_NAME: return [{ type: T.CHARACTER_STRING, value: o.name }];
    case P.OBJECT_TYPE: return [{ type: T.ENUMERATED, value: o.type }];
    default: break;
  }
  if (o === device) {
    if (property === P.OBJECT_LIST) {
      const list = [objectId, ...objects.map((x) => ({ type: T.OBJECTIDENTIFIER, value: { type: x.type, instance: x.instance } }))];
      if (index === ALL) return list;
      if (index === 0) return [{ type: T.UNSIGNED_INTEGER, value: list.length }];
      if (index > list.length) throw new PropertyError(ErrorClass.PROPERTY, ErrorCode.INVALID_ARRAY_INDEX);
      return [list[index - 1]];
    }
    if (property === P.SYSTEM_STATUS) return [{ type: T.ENUMERATED, value: 0 }];
    if (property === P.VENDOR_IDENTIFIER) return [{ type: T.UNSIGNED_INTEGER, value: 999 }];
    throw new PropertyError(ErrorClass.PROPERTY, ErrorCode.UNKNOWN_PROPERTY);
  }
  switch (property) {
    case P.PRESENT_VALUE: return [typed(o, presentValue(o))];
    case P.STATUS_FLAGS: return [{ type: T.BIT_STRING, value: new StatusFlagsBitString() }];
    case P.OUT_OF_SERVICE: return [{ type: T.BOOLEAN, value: false }];
    case P.UNITS:
      if (o.units === undefined) break;
      return [{ type: T.ENUMERATED, value: o.units }];
    case P.NUMBER_OF_STATES:
      if (!o.states) break;
      return [{ type: T.UNSIGNED_INTEGER, value: o.states }];
    case P.PRIORITY_ARRAY:
      if (!o.commandable) break;
      if (index === ALL) return o.priority.map((v) => typed(o, v));
      if (index === 0) return [{ type: T.UNSIGNED_INTEGER, value: 16 }];
      if (index > 16) throw new PropertyError(ErrorClass.PROPERTY, ErrorCode.INVALID_ARRAY_INDEX);
      return [typed(o, o.priority[index - 1])];
    case P.RELINQUISH_DEFAULT:
      if (!o.commandable) break;
      return [typed(o, o.relinquishDefault)];
    default: break;
  }
  throw new PropertyError(ErrorClass.PROPERTY, ErrorCode.UNKNOWN_PROPERTY);
}

const client = new Bacnet({ port, interface: '127.0.0.1', apduTimeout: 1000 });
const subscriptions = new Map(); // key -> { receiver, processId, object, confirmed, expires }

function receiverOf(content) {
  return { address: content.header.sender.address };
}

function reply(fn) {
  try { fn(); } catch (e) { console.error('reply failed', e); }
}

client.on('whoIs', (content) => {
  const { lowLimit, highLimit } = content.payload ?? {};
  if (lowLimit !== undefined && (deviceInstance < lowLimit || deviceInstance > highLimit)) return;
  reply(() => client.iAmResponse(receiverOf(content), deviceInstance, 3 /* no-segmentation */, 999));
});

client.on('readProperty', (content) => {
  const { objectId, property } = content.payload;
  const receiver = receiverOf(content);
  try {
    const values = read(objectId, property.id, property.index);
    reply(() => client.readPropertyResponse(receiver, content.invokeId, objectId, property, values));
  } catch (e) {
    if (!(e instanceof PropertyError)) throw e;
    reply(() => client.errorResponse(receiver, SERVICE.READ_PROPERTY, content.invokeId, e.errorClass, e.errorCode));
  }
});

client.on('readPropertyMultiple', (content) => {
  const results = content.payload.properties.map((spec) => ({
    objectId: spec.objectId,
    values: spec.properties.map((property) => {
      try {
        return { property, value: read(spec.objectId, property.id, property.index) };
      } catch (e) {
        if (!(e instanceof PropertyError)) throw e;
        return { property, value: [{ value: { type: 'BacnetError', errorClass: e.errorClass, errorCode: e.errorCode } }] };
      }
    }),
  }));
  reply(() => client.readPropertyMultipleResponse(receiverOf(content), content.invokeId, results));
});

client.on('writeProperty', (content) => {
  const { objectId, value } = content.payload;
  const receiver = receiverOf(content);
  const fail = (errorClass, errorCode) =>
    reply(() => client.errorResponse(receiver, SERVICE.WRITE_PROPERTY, content.invokeId, errorClass, errorCode));
  const o = find(objectId);
  if (!o || o === device) return fail(ErrorClass.OBJECT, ErrorCode.UNKNOWN_OBJECT);
  if (value.property.id !== P.PRESENT_VALUE) return fail(ErrorClass.PROPERTY, ErrorCode.WRITE_ACCESS_DENIED);
  if (!o.commandable) return fail(ErrorClass.PROPERTY, ErrorCode.WRITE_ACCESS_DENIED);
  const written = value.value[0];
  const expectedTag = o.kind === 'analog' ? T.REAL : o.kind === 'binary' ? T.ENUMERATED : T.UNSIGNED_INTEGER;
  if (written.type !== T.NULL && written.type !== expectedTag) return fail(ErrorClass.PROPERTY, ErrorCode.INVALID_DATA_TYPE);
  if (written.type !== T.NULL && o.kind === 'multistate' && (written.value < 1 || written.value > o.states)) {
    return fail(ErrorClass.PROPERTY, ErrorCode.VALUE_OUT_OF_RANGE);
  }
  const before = presentValue(o);
  o.priority[value.priority - 1] = written.type === T.NULL ? null : written.value;
  reply(() => client.simpleAckResponse(receiver, SERVICE.WRITE_PROPERTY, content.invokeId));
  if (presentValue(o) !== before) notify(o);
});

client.on('subscribeCov', (content) => {
  const p = content.payload;
  const receiver = receiverOf(content);
  const o = find(p.monitoredObjectId);
  if (!o || o === device) {
    return reply(() => client.errorResponse(receiver, SERVICE.SUBSCRIBE_COV, content.invokeId, ErrorClass.OBJECT, ErrorCode.UNKNOWN_OBJECT));
  }
  if (o.refusesCov) {
    return reply(() => client.errorResponse(receiver, SERVICE.SUBSCRIBE_COV, content.invokeId, ErrorClass.SERVICES,
      ErrorCode.OPTIONAL_FUNCTIONALITY_NOT_SUPPORTED));
  }
  const key = `${receiver.address}/${p.subscriberProcessId}/${o.type}:${o.instance}`;
  if (p.cancellationRequest) {
    subscriptions.delete(key);
  } else {
    subscriptions.set(key, { receiver, processId: p.subscriberProcessId, object: o, confirmed: p.issueConfirmedNotifications,
      lifetime: p.lifetime, expires: p.lifetime > 0 ? Date.now() + p.lifetime * 1000 : Infinity });
  }
  reply(() => client.simpleAckResponse(receiver, SERVICE.SUBSCRIBE_COV, content.invokeId));
  // clause 13.14: a new subscription gets an initial notification
  if (!p.cancellationRequest) setTimeout(() => notify(o, key), 5);
});

function notify(o, onlyKey) {
  const now = Date.now();
  const values = [
    { property: { id: P.PRESENT_VALUE, index: ALL }, value: [typed(o, presentValue(o))] },
    { property: { id: P.STATUS_FLAGS, index: ALL }, value: [{ type: T.BIT_STRING, value: new StatusFlagsBitString() }] },
  ];
  for (const [key, s] of subscriptions) {
    if (s.expires < now) { subscriptions.delete(key); continue; }
    if (s.object !== o || (onlyKey && key !== onlyKey)) continue;
    const remaining = s.expires === Infinity ? 0 : Math.max(1, Math.round((s.expires - now) / 1000));
    const id = { type: o.type, instance: o.instance };
    if (s.confirmed) {
      client.confirmedCOVNotification(s.receiver, id, s.processId, deviceInstance, remaining, values)
        .catch((e) => console.error('confirmed notification not acknowledged:', e.message));
    } else {
      client.unconfirmedCOVNotification(s.receiver, s.processId, deviceInstance, id, remaining, values);
    }
  }
}

client.on('error', (e) => console.error('bacnet error', e));

// AI1 moves every 200 ms, AV2 (no COV) counts, BI1 toggles every second
let ticks = 0;
const timer = setInterval(() => {
  ticks++;
  const ai = objects[0];
  ai.value = Math.round((12.5 + 5 * Math.sin(ticks / 10)) * 100) / 100;
  notify(ai);
  objects[3].value = ticks;
  if (ticks % 5 === 0) {
    objects[4].value = objects[4].value ? 0 : 1;
    notify(objects[4]);
  }
}, 200);

client.on('listening', () => console.log(`listening ${port}`));

function stop() {
  clearInterval(timer);
  client.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
