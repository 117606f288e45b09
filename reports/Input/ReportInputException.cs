namespace Resilience.Reports.Input;

/// <summary>The input cannot make a report: missing or empty runs folder, unreadable record or baseline.</summary>
/// <param name="message">What is wrong with the input, naming the file or folder.</param>
/// <param name="inner">The error that made the input unreadable, e.g. a JSON error; null when there is none.</param>
public sealed class ReportInputException(string message, Exception? inner = null) : Exception(message, inner);
