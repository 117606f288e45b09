using Resilience.Load.Records;
using Resilience.Reports.Model;

namespace Resilience.Reports.Building;

/// <summary>
/// The run record has no check kinds, so the write-ledger checks are known by name: a check whose name
/// mentions the ledger or lost/duplicated writes ("no lost writes", "write ledger: exactly once").
/// </summary>
public static class LedgerChecks
{
    private static readonly string[] NameMarkers = ["ledger", "lost write", "duplicate write", "acknowledged write"];

    /// <summary>True when the check's name mentions the ledger or lost, duplicate or acknowledged writes (any case).</summary>
    public static bool IsLedgerCheck(CheckResult check) =>
        NameMarkers.Any(marker => check.Name.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Not checked without a ledger check; passed (detail: what each measured) when all passed;
    /// else failed, the detail naming each failed check and what it measured.
    /// </summary>
    public static LedgerResult Judge(IReadOnlyList<CheckResult> checks)
    {
        var ledger = checks.Where(IsLedgerCheck).ToList();
        if (ledger.Count == 0)
        {
            return new LedgerResult(LedgerStatus.NotChecked, null);
        }

        var failed = ledger.Where(check => !check.Passed).ToList();
        return failed.Count == 0
            ? new LedgerResult(LedgerStatus.Passed, string.Join("; ", ledger.Select(check => check.Actual)))
            : new LedgerResult(LedgerStatus.Failed, string.Join("; ", failed.Select(check => $"{check.Name}: {check.Actual}")));
    }
}
