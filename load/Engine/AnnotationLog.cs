using Resilience.Load.Records;

namespace Resilience.Load.Engine;

/// <summary>
/// Annotations of a run, in the order they were added, from any thread. Windows may be opened now and closed
/// later; any still open when the run ends are closed at its end. Instants keep a null end.
/// </summary>
internal sealed class AnnotationLog
{
    private readonly Lock _lock = new();
    private readonly List<Annotation> _annotations = [];
    private readonly HashSet<int> _openWindows = [];

    public void Add(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        lock (_lock)
        {
            _annotations.Add(annotation);
        }
    }

    /// <summary>Opens a window starting at <paramref name="start"/>; returns the handle for <see cref="Close"/>.</summary>
    public int Open(string kind, string label, string? subject, DateTimeOffset start)
    {
        lock (_lock)
        {
            _annotations.Add(new Annotation(kind, label, subject, start, End: null));
            _openWindows.Add(_annotations.Count - 1);
            return _annotations.Count - 1;
        }
    }

    public int OpenPhase(string label, DateTimeOffset start) => Open(AnnotationKinds.Phase, label, subject: null, start);

    public void Close(int handle, DateTimeOffset end)
    {
        lock (_lock)
        {
            if (_openWindows.Remove(handle))
            {
                var annotation = _annotations[handle];
                _annotations[handle] = annotation with { End = Later(annotation.Start, end) };
            }
        }
    }

    public IReadOnlyList<Annotation> Snapshot(DateTimeOffset runEnd)
    {
        lock (_lock)
        {
            return _annotations
                .Select((annotation, index) => _openWindows.Contains(index)
                    ? annotation with { End = Later(annotation.Start, runEnd) }
                    : annotation)
                .ToList();
        }
    }

    private static DateTimeOffset Later(DateTimeOffset start, DateTimeOffset end) => end < start ? start : end;
}
