// queries.js — example operations (spec §4.2–4.4) and a tiny scan of a GraphQL document that
// tells whether the chosen operation is a subscription (which must go over the WebSocket).

// Node path of the documented example list "Landskrona.systemair.File" (spec §3). Real paths come
// from `publishedVariableLists { path }` in the first example; paste one in the variables.
const SAMPLE_PATH = 'TGFuZHNrcm9uYS5zeXN0ZW1haXIuRmlsZQ==';

export const EXAMPLES = [
  {
    label: 'Root folder with sub-folders and published lists',
    query: `{
  folder {
    id
    name
    title
    folders {
      totalCount
      items {
        id
        name
        title
        ... on UserArea {
          publishedVariableLists { name path }
        }
      }
    }
  }
}`,
  },
  {
    label: 'node(path:) — content and hash of a list or view',
    operationName: 'Node',
    query: `query Node($path: String!) {
  node(path: $path) {
    hash
    content
  }
}`,
    variables: { path: SAMPLE_PATH },
  },
  {
    label: 'data(path:) — poll current values',
    operationName: 'Data',
    query: `query Data($path: String!) {
  data(path: $path) {
    variables { value path technicalAddress type timeStamp }
    minPollingInterval
    hash
  }
}`,
    variables: { path: SAMPLE_PATH },
  },
  {
    label: 'setData — write one variable (mutation)',
    operationName: 'SetData',
    query: `mutation SetData($nodePath: String, $path: String, $value: String) {
  setData(nodePath: $nodePath, path: $path, value: $value)
}`,
    variables: { nodePath: SAMPLE_PATH, path: 'Cwl.Advise.A[0]', value: '5' },
  },
  {
    label: 'writeData — write several variables by key (mutation)',
    operationName: 'WriteData',
    query: `mutation WriteData($variables: [VariableKeyValue!]!) {
  writeData(variables: $variables)
}`,
    variables: { variables: [{ key: `${SAMPLE_PATH}:0`, value: '5' }, { key: `${SAMPLE_PATH}:1`, value: '21.5' }] },
  },
  {
    label: 'data subscription — live updates over WebSocket',
    operationName: 'Live',
    query: `subscription Live($path: String!) {
  data(path: $path) {
    value
    path
    technicalAddress
    type
    timeStamp
  }
}`,
    variables: { path: SAMPLE_PATH },
  },
];

/**
 * Find the operations of a document and pick the one to run.
 * Returns { kind: 'query'|'mutation'|'subscription', name } or { error }.
 * Only top-level tokens matter, so strings, comments and anything in (...) or {...} are skipped;
 * the server does the real parsing and reports syntax errors itself.
 */
export function operationInfo(document, operationName) {
  const src = document.replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n\r]*/g, ' ');
  const ops = [];
  let braces = 0;
  let parens = 0;
  let current = null;       // operation whose header we are reading
  let expectName = false;   // right after query/mutation/subscription/fragment
  for (const [tok] of src.matchAll(/[{}()@]|[_A-Za-z][_0-9A-Za-z]*/g)) {
    if (tok === '(') { parens += 1; continue; }
    if (tok === ')') { parens = Math.max(0, parens - 1); continue; }
    if (parens > 0) continue;
    if (tok === '{') {
      if (braces === 0 && !current) ops.push({ kind: 'query', name: null }); // shorthand `{ … }`
      if (braces === 0) current = null;
      braces += 1; expectName = false; continue;
    }
    if (tok === '}') { braces = Math.max(0, braces - 1); continue; }
    if (braces > 0) continue;
    if (tok === '@') { expectName = false; continue; }
    if (expectName) { if (current.kind !== 'fragment') current.name = tok; expectName = false; continue; }
    if (tok === 'query' || tok === 'mutation' || tok === 'subscription' || tok === 'fragment') {
      current = { kind: tok, name: null };
      if (tok !== 'fragment') ops.push(current);
      expectName = true;
    }
  }
  if (ops.length === 0) return { error: 'The document contains no operation. Write a query, mutation or subscription first.' };
  if (operationName) {
    const op = ops.find((o) => o.name === operationName);
    return op ?? { error: `The document has no operation named “${operationName}”. Fix the operation name field or leave it empty.` };
  }
  if (ops.length > 1) {
    return { error: `The document has ${ops.length} operations; type the name of the one to run in the operation name field.` };
  }
  return ops[0];
}
