using Inventory.Service.Dependencies;
using Npgsql;
using Polly;
using Polly.Registry;

namespace Inventory.Service.Stock;

/// <summary>Reads <c>items.available</c> through the inventory-db pipeline.</summary>
public sealed class StockTable(NpgsqlDataSource source, ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(Pipelines.Database);

    /// <summary>The sku's available quantity, or null when there is no such item.</summary>
    public async ValueTask<int?> ReadAsync(string sku, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, token) => await QueryAsync(state.source, state.sku, token).WaitOrLetGoAsync(token),
            (source, sku), cancellationToken);

    // Only opening takes the token: waiting for a pool slot or a connect cancels cleanly, a running command does not (see LetGo).
    private static async Task<int?> QueryAsync(NpgsqlDataSource source, string sku, CancellationToken openToken)
    {
        await using var connection = await source.OpenConnectionAsync(openToken);
        await using var command = new NpgsqlCommand("SELECT available FROM items WHERE sku = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = sku } },
        };
        return await command.ExecuteScalarAsync() is int available ? available : null;
    }
}
