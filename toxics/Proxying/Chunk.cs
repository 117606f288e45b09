namespace Resilience.Toxics.Proxying;

/// <summary>
/// Bytes read from one side of a connection, on their way to the other.
/// </summary>
/// <param name="Data">The bytes. Chunks that wait in a queue or a stage own a copy; only the direct path hands the
/// link's read buffer to the destination, and it awaits the send before reading again.</param>
/// <param name="Timestamp">Stopwatch timestamp at which the bytes became available to the current stage: a delaying
/// stage restamps what it forwards, so chained delays add up.</param>
internal readonly record struct Chunk(ReadOnlyMemory<byte> Data, long Timestamp)
{
    public int Length => Data.Length;
}

/// <summary>Where a stage forwards chunks: the next stage, or finally the destination socket.</summary>
internal interface IChunkSink
{
    ValueTask WriteAsync(Chunk chunk);

    /// <summary>The source finished sending (TCP FIN): pass the end on.</summary>
    ValueTask EndAsync();
}
