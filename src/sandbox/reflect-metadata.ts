// @peculiar/x509 resolves its algorithms through tsyringe, which refuses to load unless a Reflect metadata
// polyfill (`reflect-metadata` or similar) is present. None is a dependency of this project, and
// package.json is not ours to change, so this installs the four functions tsyringe calls — only when no
// polyfill is there already, so a real one loaded elsewhere always wins. Metadata lives in a WeakMap so it
// never keeps a class alive.
type MetadataKey = unknown;
type Target = object;

interface ReflectMetadata {
  getMetadata(key: MetadataKey, target: Target, property?: string | symbol): unknown;
  getOwnMetadata(key: MetadataKey, target: Target, property?: string | symbol): unknown;
  defineMetadata(key: MetadataKey, value: unknown, target: Target, property?: string | symbol): void;
  metadata(key: MetadataKey, value: unknown): (target: Target, property?: string | symbol) => void;
}

const store = new WeakMap<Target, Map<string | symbol | undefined, Map<MetadataKey, unknown>>>();

function own(target: Target, property: string | symbol | undefined, create: boolean): Map<MetadataKey, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty && create) store.set(target, (byProperty = new Map()));
  let values = byProperty?.get(property);
  if (!values && create && byProperty) byProperty.set(property, (values = new Map()));
  return values;
}

const shim: ReflectMetadata = {
  getOwnMetadata: (key, target, property) => own(target, property, false)?.get(key),
  // Walks the prototype chain, as the proposal specifies for getMetadata.
  getMetadata(key, target, property) {
    for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t) as Target | null) {
      const values = own(t, property, false);
      if (values?.has(key)) return values.get(key);
    }
    return undefined;
  },
  defineMetadata: (key, value, target, property) => void own(target, property, true)?.set(key, value),
  metadata: (key, value) => (target, property) => void own(target, property, true)?.set(key, value),
};

const reflect = Reflect as unknown as Partial<ReflectMetadata>;
if (typeof reflect.getMetadata !== 'function') Object.assign(Reflect, shim);
