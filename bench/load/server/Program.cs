using System.Net;

// The cheapest useful HTTP endpoint: any request gets 200 "ok". Usage: trivial-server <port>
var port = args.Length == 1 && int.TryParse(args[0], out var parsed) ? parsed : throw new ArgumentException("usage: trivial-server <port>");
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
var app = builder.Build();
var ok = "ok"u8.ToArray();
app.Run(context =>
{
    context.Response.ContentLength = ok.Length;
    return context.Response.Body.WriteAsync(ok).AsTask();
});
await app.RunAsync();
