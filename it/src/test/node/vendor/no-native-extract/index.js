// cbor-x and msgpackr wrap require('cbor-extract' / 'msgpackr-extract') in try/catch and fall back to their
// JavaScript decoders when it throws: this module always throws, so they do.
throw new Error('native string extraction is not installed; using the JavaScript decoder');
