using Inventory.Service;
using Inventory.Service.Dependencies;
using Inventory.Service.Http;
using Inventory.Service.Reservations;
using Inventory.Service.Stock;
using Npgsql;
using Polly.Registry;
using StackExchange.Redis;

// The content root is the build output, so appsettings.json is found whichever directory the service starts from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!InventorySettings.TryLoad(builder.Configuration, out var settings, out var problem))
{
    Console.Error.WriteLine($"inventory-service cannot start: {problem}");
    return 2;
}

// Logging keeps the default providers: Polly's telemetry reaches the harness through them (EventSource) and the Polly meter.
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(_ => PostgresSource.Create(settings.Database));
builder.Services.AddSingleton(_ => RedisMultiplexer.Connect(settings.Cache));
builder.Services.AddInventoryPipelines(settings);
builder.Services.AddSingleton<StaleCopies>();
builder.Services.AddSingleton<StockCache>();
builder.Services.AddSingleton<StockTable>();
builder.Services.AddSingleton<StockLookup>();
builder.Services.AddSingleton<ReservationLedger>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, InventoryJson.Default));

var app = builder.Build();
// A bug answers like every other error, as JSON; dependency failures never get here, the endpoints degrade on them.
app.UseExceptionHandler(failed => failed.Run(context =>
    Answers.Error(StatusCodes.Status500InternalServerError, $"internal error (request {context.TraceIdentifier})").ExecuteAsync(context)));
app.MapHealthEndpoint();
app.MapStockEndpoints();
app.MapReservationEndpoints();

var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Inventory.Service");
// Build both pipelines and connect Redis now, not on the first request: Polly's instruments exist from the start
// and the first requests do not pay for the connection.
var pipelines = app.Services.GetRequiredService<ResiliencePipelineProvider<string>>();
pipelines.GetPipeline(Pipelines.Database);
pipelines.GetPipeline(Pipelines.Cache);
var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
log.LogInformation("PostgreSQL {Database}, Redis {Cache} ({RedisState}), breakers {Breakers}",
    PostgresSource.Describe(settings.Database), RedisMultiplexer.Describe(redis),
    redis.IsConnected ? "connected" : "not connected yet", settings.BreakersEnabled ? "on" : "off");

if (!await Schema.EnsureAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), log, app.Lifetime.ApplicationStopping))
{
    return 1;
}

await app.RunAsync();
return 0;
