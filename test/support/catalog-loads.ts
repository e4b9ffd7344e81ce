/**
 * Runs `body` in a fresh module registry that counts how often the add-on catalog (src/policy/addons) is
 * loaded; `loads()` reads the count so far. For the tests that the catalog loads only on first use. Jest
 * only, so it lives apart from test/support/addons.ts, which the bench compiles and runs without jest.
 */
export function withCatalogLoads(body: (loads: () => number) => void): void {
  let loads = 0;
  jest.isolateModules(() => {
    jest.doMock('../../src/policy/addons', () => {
      loads++;
      return jest.requireActual('../../src/policy/addons');
    });
    body(() => loads);
  });
}
