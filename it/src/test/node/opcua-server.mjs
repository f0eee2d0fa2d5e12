// An independent OPC UA peer for OpcuaDriverIT: node-opcua's server on 127.0.0.1.
// usage: node opcua-server.mjs <port> <pkiFolder>
// Namespace 1 ("urn:vakt:it"): Demo.Changing (Double, +1 every 200 ms), writable Demo.Setpoint (Double),
// Demo.Count (Int32), Demo.Flag (Boolean), Demo.Text (String), read-only Demo.ReadOnly (Double).
// User operator/secret besides anonymous. Prints "listening" when it accepts connections.
import opcua from "node-opcua";

const { OPCUAServer, OPCUACertificateManager, Variant, DataType, SecurityPolicy, MessageSecurityMode } = opcua;
const port = Number(process.argv[2] ?? 4840);
const pki = process.argv[3] ?? "./opcua-pki";

const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    resourcePath: "/vakt",
    allowAnonymous: true,
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.SignAndEncrypt],
    serverCertificateManager: new OPCUACertificateManager({ rootFolder: pki + "/server", automaticallyAcceptUnknownCertificate: true }),
    userCertificateManager: new OPCUACertificateManager({ rootFolder: pki + "/user", automaticallyAcceptUnknownCertificate: true }),
    userManager: { isValidUser: (user, password) => user === "operator" && password === "secret" },
    buildInfo: { productName: "vakt-it-opcua", buildNumber: "1" },
});

await server.initialize();
const addressSpace = server.engine.addressSpace;
const namespace = addressSpace.getOwnNamespace();
const folder = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: "Demo" });

function variable(name, dataType, value, writable) {
    const access = writable ? "CurrentRead | CurrentWrite" : "CurrentRead";
    const node = namespace.addVariable({
        componentOf: folder, browseName: name, nodeId: "s=Demo." + name, dataType,
        accessLevel: access, userAccessLevel: access, minimumSamplingInterval: 50,
    });
    node.setValueFromSource(new Variant({ dataType: DataType[dataType], value }));
    return node;
}

const changing = variable("Changing", "Double", 0, false);
variable("Setpoint", "Double", 21.5, true);
variable("Count", "Int32", 7, true);
variable("Flag", "Boolean", false, true);
variable("Text", "String", "hello", true);
variable("ReadOnly", "Double", 42, false);

let count = 0;
const timer = setInterval(() => {
    count += 1;
    changing.setValueFromSource(new Variant({ dataType: DataType.Double, value: count }));
}, 200);

await server.start();
console.log("listening on " + server.getEndpointUrl());

async function stop() {
    clearInterval(timer);
    await server.shutdown(100);
    process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
