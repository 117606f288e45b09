// Through-the-proxy versus direct, side by side in one run, against a Toxiproxy-compatible API.
// Usage: dotnet run -c Release --project bench/proxy/ProxyBench -- <api-address> bulk [megabytes=1024] [rounds=3]
//        dotnet run -c Release --project bench/proxy/ProxyBench -- <api-address> latency [samples=200]
using System.Globalization;
using Resilience.Toxics;
using Resilience.Toxics.Bench;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ProxyBench <api-address> bulk [megabytes] [rounds] | latency [samples]");
    return 2;
}

using var client = new ToxiproxyClient(new Uri(args[0]));
var number = (int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (args[1])
{
    case "bulk":
        await BulkThroughput.RunAsync(client, megabytes: number(2, 1024), rounds: number(3, 3));
        return 0;
    case "latency":
        await LatencyAccuracy.RunAsync(client, samples: number(2, 200));
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{args[1]}'");
        return 2;
}
