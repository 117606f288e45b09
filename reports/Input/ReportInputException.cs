namespace Resilience.Reports.Input;

/// <summary>The input cannot make a report: missing or empty runs folder, unreadable record or baseline.</summary>
public sealed class ReportInputException(string message, Exception? inner = null) : Exception(message, inner);
