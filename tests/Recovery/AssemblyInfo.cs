using Resilience.Reference.Suites;

// One stack serves the whole suite; each experiment resets the proxies.
[assembly: AssemblyFixture(typeof(StackFixture))]
