namespace DiaBan.Geo.Import;

/// <summary>An import was refused and nothing was written; Errors lists every bad row (first MaxShown in the message).</summary>
public sealed class ImportException(IReadOnlyList<ImportError> errors) : Exception(Format(errors))
{
    public const int MaxShown = 50;

    public IReadOnlyList<ImportError> Errors { get; } = errors;

    public ImportException(ImportError error) : this([error]) { }

    public ImportException(string file, int row, string field, string message) : this(new ImportError(file, row, field, message)) { }

    /// <summary>Up to MaxShown errors, one a line, then "… and N more".</summary>
    public static string Format(IReadOnlyList<ImportError> errors)
    {
        var lines = errors.Take(MaxShown).Select(e => e.ToString()).ToList();
        if (errors.Count > MaxShown) lines.Add($"… and {errors.Count - MaxShown} more ({errors.Count} errors in all; và {errors.Count - MaxShown} lỗi khác)");
        return string.Join(Environment.NewLine, lines);
    }
}
