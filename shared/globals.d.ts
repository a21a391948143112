// The few globals shared/ uses that both of its runtimes (Node and the browser) provide but the
// ES library does not declare. shared/ gets neither Node's types nor the DOM's, so each one used
// here is a decision; declare only what is used, as the WHATWG standard defines it.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly hostname: string;
  readonly protocol: string;
}
