using System.Text;
using System.Text.Json.Nodes;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>One request the API must refuse.</summary>
internal sealed record MalformedRequest(string Kind, HttpMethod Method, string Path, byte[] Body)
{
    public override string ToString() =>
        $"{Kind}: {Method} {Path} {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 200))}";
}

/// <summary>
/// Seeded generator of requests that are wrong by construction: truncated or garbage JSON, wrong types, missing
/// fields, values out of range, unknown toxic types and streams, deep nesting and bodies over the size cap.
/// </summary>
internal sealed class MalformedRequests(Random random, string proxy, string toxic, string upstream)
{
    private static readonly JsonNode?[] NotStrings = [42, -1.5, true, false, new JsonArray(1, 2), new JsonObject { ["a"] = 1 }];
    private static readonly JsonNode?[] NotBooleans = [1, 0, "true", "false", new JsonArray(true), new JsonObject { ["enabled"] = true }];
    private static readonly JsonNode?[] NotIntegers = ["100", true, 1.5, 1e300, new JsonArray(), new JsonObject(), -1];

    private string Toxics => $"/proxies/{proxy}/toxics";

    private string Toxic => $"{Toxics}/{toxic}";

    public MalformedRequest Next() => random.Next(10) switch
    {
        0 => Truncated(),
        1 => Garbage(),
        2 => ProxyWithWrongType(),
        3 => ToxicWithWrongType(),
        4 => AttributeWithWrongValue(),
        5 => MissingFields(),
        6 => UnknownTypeOrStream(),
        7 => OutOfRange(),
        8 => DeeplyNested(),
        _ => UpdateWithWrongTypes(),
    };

    private MalformedRequest Truncated()
    {
        var (method, path, body) = Valid();
        var json = body.ToJsonString();
        return Request("truncated", method, path, json[..random.Next(json.Length - 1)]);
    }

    private MalformedRequest Garbage()
    {
        // A byte no JSON text can start with, then noise: never valid JSON, whatever follows.
        var body = new byte[random.Next(1, 300)];
        random.NextBytes(body);
        body[0] = "}]:,\u0001\u0007x#"u8[random.Next(8)];
        var (method, path, _) = Valid();
        return new MalformedRequest("garbage", method, path, body);
    }

    private MalformedRequest ProxyWithWrongType()
    {
        var body = ProxyBody();
        var field = Pick("name", "listen", "upstream", "enabled");
        body[field] = Clone(Pick(WrongTypeFor(field)));
        return random.Next(2) == 0
            ? Request("proxy wrong type", HttpMethod.Post, "/proxies", body.ToJsonString())
            : Request("populate wrong type", HttpMethod.Post, "/populate", new JsonArray(body).ToJsonString());
    }

    private MalformedRequest ToxicWithWrongType()
    {
        var body = ToxicBody();
        var field = Pick("name", "type", "stream", "toxicity", "attributes");
        body[field] = field switch
        {
            "toxicity" => Clone(Pick<JsonNode?>("0.5", true, new JsonArray(), new JsonObject())),
            "attributes" => Clone(Pick<JsonNode?>(5, "latency", true, new JsonArray(1))),
            _ => Clone(Pick(NotStrings)),
        };

        return Request("toxic wrong type", HttpMethod.Post, Toxics, body.ToJsonString());
    }

    private MalformedRequest AttributeWithWrongValue()
    {
        var (type, attribute) = Pick(("latency", "latency"), ("latency", "jitter"), ("bandwidth", "rate"), ("timeout", "timeout"),
            ("slow_close", "delay"), ("reset_peer", "timeout"), ("limit_data", "bytes"), ("slicer", "delay"), ("tcp_loss", "rto"));
        var body = new JsonObject { ["type"] = type, ["name"] = $"never_{random.Next()}", ["attributes"] = new JsonObject { [attribute] = Clone(Pick(NotIntegers)) } };
        return Request("attribute wrong value", HttpMethod.Post, Toxics, body.ToJsonString());
    }

    private MalformedRequest MissingFields()
    {
        return random.Next(3) switch
        {
            0 => Request("proxy missing field", HttpMethod.Post, "/proxies", Without(ProxyBody(), Pick("name", "upstream")).ToJsonString()),
            1 => Request("populate missing field", HttpMethod.Post, "/populate", new JsonArray(Without(ProxyBody(), Pick("name", "upstream"))).ToJsonString()),
            _ => Request("toxic missing type", HttpMethod.Post, Toxics, Without(ToxicBody(), "type").ToJsonString()),
        };
    }

    private MalformedRequest UnknownTypeOrStream()
    {
        var body = ToxicBody();
        if (random.Next(2) == 0)
        {
            body["type"] = Pick("Latency", "latency ", "", "noop", "down", $"toxic_{random.Next()}");
        }
        else
        {
            body["stream"] = Pick("", "both", "up", "downstream ", $"stream_{random.Next()}");
        }

        return Request("unknown type or stream", HttpMethod.Post, Toxics, body.ToJsonString());
    }

    private MalformedRequest OutOfRange()
    {
        switch (random.Next(5))
        {
            case 0:
                var toxicity = ToxicBody();
                toxicity["toxicity"] = Pick(-0.1, 1.01, 2, -100);
                return Request("toxicity out of range", HttpMethod.Post, Toxics, toxicity.ToJsonString());
            case 1:
                var proxy = ProxyBody();
                proxy["listen"] = Pick("127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1", "::1:80", "127.0.0.1:port");
                return Request("listen out of range", HttpMethod.Post, "/proxies", proxy.ToJsonString());
            case 2:
                var upstream = ProxyBody();
                upstream["upstream"] = Pick("127.0.0.1:0", "127.0.0.1:70000", "nohost", ":", "[::1:80");
                return Request("upstream out of range", HttpMethod.Post, "/proxies", upstream.ToJsonString());
            case 3:
                var slicer = new JsonObject { ["type"] = "slicer", ["attributes"] = new JsonObject { ["average_size"] = 10, ["size_variation"] = Pick(10, 11, -1) } };
                return Request("slicer out of range", HttpMethod.Post, Toxics, slicer.ToJsonString());
            default:
                var loss = new JsonObject { ["type"] = Pick("packet_loss", "tcp_loss"), ["attributes"] = new JsonObject { [Pick("loss_rate", "correlation")] = Pick(-0.5, 1.5, 7) } };
                return Request("loss out of range", HttpMethod.Post, Toxics, loss.ToJsonString());
        }
    }

    private MalformedRequest DeeplyNested()
    {
        var depth = random.Next(100, 3000);
        var body = new string('[', depth) + new string(']', depth);
        var (method, path, _) = Valid();
        return Request("deeply nested", method, path, body);
    }

    public MalformedRequest Huge()
    {
        // Over the 1 MiB cap: a valid-looking proxy whose name alone is 1.5 MiB.
        var body = $"{{\"name\":\"{new string('n', 1536 * 1024)}\",\"upstream\":\"{upstream}\"}}";
        return Request("huge body", HttpMethod.Post, "/proxies", body);
    }

    private MalformedRequest UpdateWithWrongTypes()
    {
        if (random.Next(2) == 0)
        {
            var field = Pick("listen", "upstream", "enabled");
            var body = new JsonObject { [field] = Clone(Pick(WrongTypeFor(field))) };
            return Request("proxy update wrong type", random.Next(2) == 0 ? HttpMethod.Post : HttpMethod.Patch, $"/proxies/{proxy}", body.ToJsonString());
        }

        var update = random.Next(2) == 0
            ? new JsonObject { ["toxicity"] = Clone(Pick<JsonNode?>("1", new JsonArray(), 3, -1)) }
            : new JsonObject { ["attributes"] = random.Next(2) == 0 ? Clone(Pick<JsonNode?>(5, "x", new JsonArray())) : new JsonObject { ["latency"] = Clone(Pick(NotIntegers)) } };
        return Request("toxic update wrong type", random.Next(2) == 0 ? HttpMethod.Post : HttpMethod.Patch, Toxic, update.ToJsonString());
    }

    private (HttpMethod Method, string Path, JsonNode Body) Valid() => random.Next(4) switch
    {
        0 => (HttpMethod.Post, "/proxies", ProxyBody()),
        1 => (HttpMethod.Post, "/populate", new JsonArray(ProxyBody())),
        2 => (HttpMethod.Post, Toxics, ToxicBody()),
        _ => (HttpMethod.Patch, Toxic, new JsonObject { ["attributes"] = new JsonObject { ["latency"] = 5 } }),
    };

    private JsonObject ProxyBody() => new() { ["name"] = $"never_{random.Next()}", ["listen"] = "127.0.0.1:0", ["upstream"] = upstream, ["enabled"] = true };

    private JsonObject ToxicBody() => new()
    {
        ["name"] = $"never_{random.Next()}",
        ["type"] = "latency",
        ["stream"] = "downstream",
        ["toxicity"] = 1.0,
        ["attributes"] = new JsonObject { ["latency"] = 10 },
    };

    private static JsonNode?[] WrongTypeFor(string field) => field == "enabled" ? NotBooleans : NotStrings;

    private static JsonObject Without(JsonObject body, string field)
    {
        body.Remove(field);
        return body;
    }

    private static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    private static MalformedRequest Request(string kind, HttpMethod method, string path, string body) =>
        new(kind, method, path, Encoding.UTF8.GetBytes(body));

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
}
