namespace Resilience.Load.Results;

/// <summary>Whole-run counts; each equals the sum of the timeline's column of the same name.</summary>
/// <param name="Attempted">Iterations the schedule asked for (open model) or virtual users began (closed model).</param>
/// <param name="Started">Iterations actually started: attempted minus dropped.</param>
/// <param name="Completed">Iterations that finished, whatever their outcome: ok + degraded + errors.</param>
/// <param name="Ok">Iterations whose step succeeded.</param>
/// <param name="Degraded">Iterations served in a degraded way (e.g. a stale read).</param>
/// <param name="Errors">Iterations whose step failed, or threw.</param>
/// <param name="Dropped">Open-model arrivals not started because max-in-flight was reached.</param>
/// <param name="Interrupted">Iterations still running when the run gave up waiting for them (graceful stop + 5 s).</param>
/// <param name="PeakInFlight">Most iterations in flight at once.</param>
public sealed record LoadTotals(
    long Attempted,
    long Started,
    long Completed,
    long Ok,
    long Degraded,
    long Errors,
    long Dropped,
    long Interrupted,
    long PeakInFlight);
