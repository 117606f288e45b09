namespace Resilience.Load.Thresholds;

/// <summary>Threshold text that cannot be read; the message says what is wrong and shows the expected form.</summary>
public sealed class ThresholdFormatException(string message) : FormatException(message);
