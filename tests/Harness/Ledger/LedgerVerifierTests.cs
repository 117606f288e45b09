using Npgsql;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Ledger;
using Resilience.Tests.Harness.Environment;

namespace Resilience.Tests.Harness.Ledger;

/// <summary>The write ledger checked against a real PostgreSQL, on a table of its own per test.</summary>
public sealed class LedgerVerifierTests(SharedEnvironmentFixture fixture) : IClassFixture<SharedEnvironmentFixture>
{
    private readonly string table = $"ledger_{Guid.NewGuid():N}";

    [Fact]
    public async Task Every_acknowledged_order_stored_once_holds()
    {
        var ids = await InsertAsync(("key-1", 1), ("key-2", 1));
        var ledger = new WriteLedger();
        ledger.RecordAcknowledged("key-1", ids[0]);
        ledger.RecordAcknowledged("key-2", ids[1]);
        ledger.RecordAcknowledged("key-2", ids[1]); // a replay answered with the same order

        var verdict = await VerifyAsync(ledger);

        verdict.Holds.Should().BeTrue(verdict.ToString());
        verdict.Acknowledged.Should().Be(2);
    }

    [Fact]
    public async Task An_acknowledged_order_id_with_no_row_is_a_lost_write_even_when_its_key_is_stored()
    {
        var ids = await InsertAsync(("key-1", 1));
        var ledger = new WriteLedger();
        ledger.RecordAcknowledged("key-1", ids[0] + 1_000);

        var verdict = await VerifyAsync(ledger);

        verdict.Missing.Should().ContainSingle().Which.Should().Be($"key-1 (order {ids[0] + 1_000})");
    }

    [Fact]
    public async Task A_service_that_stores_no_keys_is_judged_by_the_ids_it_acknowledged()
    {
        var ids = await InsertAsync((null, 1), (null, 1));
        var ledger = new WriteLedger();
        ledger.RecordAcknowledged("key-1", ids[0]);
        ledger.RecordAcknowledged("key-1", ids[1]); // the retried post made a second order

        var verdict = await VerifyAsync(ledger);

        verdict.Missing.Should().BeEmpty("both orders exist");
        verdict.Duplicated.Should().Equal(new Dictionary<string, long> { ["key-1"] = 2 });
    }

    [Fact]
    public async Task A_key_stored_twice_is_a_duplicate_even_when_only_one_order_was_acknowledged()
    {
        var ids = await InsertAsync(("key-1", 2));
        var ledger = new WriteLedger();
        ledger.RecordAcknowledged("key-1", ids[0]);

        var verdict = await VerifyAsync(ledger);

        verdict.Duplicated.Should().Equal(new Dictionary<string, long> { ["key-1"] = 2 });
        verdict.Holds.Should().BeFalse();
    }

    private async Task<LedgerVerdict> VerifyAsync(WriteLedger ledger) =>
        await new LedgerVerifier(Table: table).VerifyAsync(ledger, fixture.Environment.Postgres.Endpoint.ConnectionString, TestContext.Current.CancellationToken);

    /// <summary>Inserts each key the given number of times (no unique constraint, so a duplicate can exist); returns the ids in order.</summary>
    private async Task<List<long>> InsertAsync(params (string? Key, int Times)[] rows)
    {
        await using var connection = Sql.Unpooled(fixture.Environment.Postgres.Endpoint);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await Sql.ExecuteAsync(connection, $"CREATE TABLE {table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, idempotency_key text)");
        var ids = new List<long>();
        foreach (var (key, times) in rows)
        {
            for (var i = 0; i < times; i++)
            {
                await using var command = new NpgsqlCommand($"INSERT INTO {table} (idempotency_key) VALUES (@key) RETURNING id", connection);
                command.Parameters.AddWithValue("key", (object?)key ?? DBNull.Value);
                ids.Add((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
            }
        }
        return ids;
    }
}
