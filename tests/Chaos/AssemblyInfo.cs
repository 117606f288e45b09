using Resilience.Reference.Suites;

// One stack (PostgreSQL, Redis, proxies, price stub, app) serves the whole suite; each experiment resets the proxies.
[assembly: AssemblyFixture(typeof(StackFixture))]
