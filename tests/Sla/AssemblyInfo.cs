using Resilience.Reference.Suites;

// One stack serves the whole suite.
[assembly: AssemblyFixture(typeof(StackFixture))]
