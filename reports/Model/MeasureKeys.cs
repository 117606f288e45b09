namespace Resilience.Reports.Model;

/// <summary>The <c>RunRecord.Measures</c> keys the report reads (the suites write them).</summary>
internal static class MeasureKeys
{
    /// <summary>Seconds from the fault's removal (or a restart) until the SLA held again.</summary>
    public const string Mttr = "mttr_s";

    /// <summary>Seconds from the fault's start until a circuit breaker was seen open.</summary>
    public const string TimeToDetect = "time_to_detect_s";

    /// <summary>Seconds from the fault's start until the load saw its first degraded answer.</summary>
    public const string TimeToDegrade = "time_to_degrade_s";

    /// <summary>The highest request rate, per second, at which the SLA still held.</summary>
    public const string BreakingPoint = "breaking_point_rps";

    /// <summary>The error rate the suite judged the SLA on; the report derives it from the timeline when absent.</summary>
    public const string ErrorRate = "error_rate";
}
