namespace Resilience.Toxics;

/// <summary>A proxy to create: Toxiproxy's <c>name</c>, <c>listen</c>, <c>upstream</c> and <c>enabled</c>.</summary>
/// <param name="Name">Unique name, e.g. <c>app_test_postgres</c>.</param>
/// <param name="Listen"><c>host:port</c> to listen on; port 0 picks a free port (the proxy then reports it).</param>
/// <param name="Upstream"><c>host:port</c> of the real server.</param>
/// <param name="Enabled">False creates the proxy without listening.</param>
public sealed record ProxyConfig(string Name, string Listen, string Upstream, bool Enabled = true);
