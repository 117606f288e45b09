using Inventory.Service.Dependencies;
using Polly;
using Polly.Registry;
using StackExchange.Redis;

namespace Inventory.Service.Stock;

/// <summary>
/// Stock levels in Redis under <c>stock:{sku}</c> as plain integers, each call through the stock-cache pipeline.
/// Failures propagate; the caller decides that a failing cache means going to PostgreSQL.
/// </summary>
public sealed class StockCache(IConnectionMultiplexer redis, ResiliencePipelineProvider<string> pipelines)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(Pipelines.Cache);

    /// <summary>The cached level, or null on a miss (a value that is not an integer counts as a miss and is overwritten).</summary>
    public async ValueTask<int?> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var value = await _pipeline.ExecuteAsync(
            static async (state, token) => await state.redis.GetDatabase().StringGetAsync(Key(state.sku)).WaitOrLetGoAsync(token),
            (redis, sku), cancellationToken);
        // A missing key parses as 0, so absence is checked first.
        return !value.IsNull && value.TryParse(out int available) ? available : null;
    }

    public async ValueTask SetAsync(string sku, int available, CancellationToken cancellationToken)
    {
        await _pipeline.ExecuteAsync(
            static async (state, token) =>
                await state.redis.GetDatabase().StringSetAsync(Key(state.sku), state.available, Lifetime).WaitOrLetGoAsync(token),
            (redis, sku, available), cancellationToken);
    }

    private static RedisKey Key(string sku) => "stock:" + sku;
}
