using Resilience.Load.Engine;

namespace Resilience.Load;

/// <summary>An open annotation window of a <see cref="LoadRun"/>; <see cref="End()"/> or dispose closes it at that moment.</summary>
public sealed class AnnotationWindow : IDisposable
{
    private readonly AnnotationLog _log;
    private readonly int _handle;
    private readonly Func<DateTimeOffset> _now;

    internal AnnotationWindow(AnnotationLog log, int handle, Func<DateTimeOffset> now)
    {
        _log = log;
        _handle = handle;
        _now = now;
    }

    /// <summary>Closes the window at the run clock's now; closing it again does nothing.</summary>
    public void End() => _log.Close(_handle, _now());

    /// <summary>Closes the window at <paramref name="at"/>, e.g. the moment a fault was really lifted.</summary>
    /// <param name="at">The window's end; use <see cref="LoadRun.Now"/> or a time on the same clock.</param>
    public void End(DateTimeOffset at) => _log.Close(_handle, at);

    /// <summary>Closes the window now, like <see cref="End()"/>.</summary>
    public void Dispose() => End();
}
