namespace Resilience.Reports.Model;

/// <summary>The <c>RunRecord.Measures</c> keys the report reads (the suites write them).</summary>
public static class MeasureKeys
{
    public const string Mttr = "mttr_s";
    public const string TimeToDetect = "time_to_detect_s";
    public const string TimeToDegrade = "time_to_degrade_s";
    public const string BreakingPoint = "breaking_point_rps";

    /// <summary>The error rate the suite judged the SLA on; the report derives it from the timeline when absent.</summary>
    public const string ErrorRate = "error_rate";
}
