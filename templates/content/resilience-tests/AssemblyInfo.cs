using MyService.ChaosTests;

// One stack (the service, its PostgreSQL and Redis, a proxy in front of each) serves every test of the assembly.
[assembly: AssemblyFixture(typeof(ChaosStack))]
