using Microsoft.Extensions.Logging.Console;
using Polly;
using Polly.Registry;
using Prometheus;
using Resilience.App;
using Resilience.App.Caching;
using Resilience.App.Configuration;
using Resilience.App.Data;
using Resilience.App.Endpoints;
using Resilience.App.Observability;
using Resilience.App.Pricing;
using Resilience.App.Resilience;
using Resilience.App.Startup;

// The content root is the app's own directory, so appsettings.json is found whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
ConfigureHost(builder);

if (string.Equals(builder.Configuration["Mode"], "price-stub", StringComparison.OrdinalIgnoreCase))
{
    var stub = builder.Build();
    stub.MapPriceStub();
    await stub.RunAsync();
    return 0;
}

AppSettings settings;
try
{
    settings = AppSettings.Load(builder.Configuration);
}
catch (InvalidSettingsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

AddServices(builder.Services, settings);

var app = builder.Build();
var redis = app.Services.GetRequiredService<RedisConnection>();
// Outermost, so the request log sees the status the exception handler sets.
app.UseMiddleware<RequestLogging>();
app.UseExceptionHandler(failed => failed.Run(context =>
    TypedResults.Json(new ErrorBody($"internal error (request {context.TraceIdentifier})"), AppJsonContext.Default.ErrorBody,
        statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context)));
app.UseRouting();
app.UseHttpMetrics();

var orders = app.MapGroup("/orders");
orders.MapOrderReads();
orders.MapOrderCreate();
app.MapHealth();
app.MapResilienceStatus();
app.MapMetrics("/metrics");

// Build the pipelines now: a bad combination of settings fails start-up, and Polly's meter instruments exist
// before the first request, so /metrics carries them from the start.
var pipelines = app.Services.GetRequiredService<ResiliencePipelineProvider<string>>();
foreach (var dependency in Dependency.All)
{
    pipelines.GetPipeline(dependency);
}

// prometheus-net attaches its .NET meter adapter on the first scrape; attach it now so nothing measured before
// the first scrape (Polly's events included) is lost.
await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null);

var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Resilience.App");
startup.LogInformation("PostgreSQL {Postgres}, Redis {Redis}, price service {External}",
    PostgresDataSource.Describe(settings.PostgresConnectionString),
    string.Join(",", redis.Current.GetEndPoints().Select(e => e.ToString())),
    new Uri(settings.External.BaseUrl).GetLeftPart(UriPartial.Authority));
await app.Services.GetRequiredService<Schema>().MigrateAsync(
    TimeSpan.FromSeconds(settings.Postgres.StartupTimeoutSeconds), app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<PoolWarmUp>().RunAsync(app.Lifetime.ApplicationStopping);
app.Lifetime.ApplicationStarted.Register(() => _ = app.Services.GetRequiredService<RequestPathWarmUp>()
    .RunAsync(RequestPathWarmUp.SelfAddress(app.Urls.First()), app.Lifetime.ApplicationStopping));

await app.RunAsync();
return 0;

static void ConfigureHost(WebApplicationBuilder builder)
{
    // On a 2-core machine the pool starts with 2 threads and adds about one per second: a burst of requests that
    // block a thread even briefly (connection opens, GC pauses) then queues everything behind it past the request
    // budget, and at a high rate it never catches up. Start with enough threads to absorb such a burst.
    ThreadPool.GetMinThreads(out var workers, out var completionPorts);
    ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completionPorts, 64));
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        builder.WebHost.UseUrls("http://127.0.0.1:5080");
    }
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.IncludeScopes = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    });
    // A slow reader of stdout must never stall requests: drop log lines rather than block.
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);
    // Every .NET meter reaches /metrics (Polly's included), except the runtime's private diagnostics.
    Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate =
        instrument => !instrument.Meter.Name.StartsWith("Private.", StringComparison.Ordinal));
    builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
}

static void AddServices(IServiceCollection services, AppSettings settings)
{
    services.AddSingleton(settings);
    services.AddSingleton(settings.Resilience);
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<AppMetrics>();
    services.AddSingleton<BreakerJournals>();
    services.AddSingleton<DependencyLimits>();

    foreach (var dependency in Dependency.All)
    {
        services.AddResiliencePipeline(dependency, (pipeline, context) => DependencyPipeline.Configure(
            pipeline,
            dependency,
            settings.Resilience.For(dependency),
            context.ServiceProvider.GetRequiredService<BreakerJournals>().For(dependency),
            context.ServiceProvider.GetRequiredService<DependencyLimits>()));
    }
    foreach (var dependency in new[] { Dependency.Postgres, Dependency.Redis })
    {
        services.AddKeyedSingleton(dependency, (sp, _) => new DependencyCaller(
            dependency, sp.GetRequiredService<ResiliencePipelineProvider<string>>(), settings, sp.GetRequiredService<AppMetrics>()));
    }

    services.AddSingleton(_ => PostgresDataSource.Create(settings.PostgresConnectionString, settings.Postgres));
    services.AddSingleton<Schema>();
    services.AddSingleton<PoolWarmUp>();
    services.AddSingleton<RequestPathWarmUp>();
    services.AddSingleton<OrderStore>();
    services.AddSingleton<RedisConnection>();
    services.AddSingleton<OrderCache>();

    services.AddHttpClient<PriceClient>(http =>
        {
            http.BaseAddress = new Uri(settings.External.BaseUrl.TrimEnd('/') + "/");
            // A backstop only: the attempt timeout and the request budget end calls long before this.
            http.Timeout = TimeSpan.FromSeconds(30);
        })
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        .RemoveAllLoggers()
        .AddResilienceHandler(Dependency.Pricing, (pipeline, context) => pipeline.AddPipeline(
            context.ServiceProvider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(Dependency.Pricing)));
}
