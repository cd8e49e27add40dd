using System.Text.RegularExpressions;

namespace DiaBan.Analytics.Planning;

/// <summary>What an evidence attachment may be: a PDF or an image, size-limited, identified by its SHA-256 (issue 8 §4).</summary>
public static partial class EvidencePolicy
{
    /// <summary>10 MiB: a scanned dossier page set, not a video.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static IReadOnlyList<string> MediaTypes { get; } = ["application/pdf", "image/png", "image/jpeg"];

    /// <summary>
    /// The media type the content's first bytes prove (PDF <c>%PDF-</c>, PNG signature, JPEG SOI marker), or null: the
    /// extension and the browser's claimed type are not trusted, so a script renamed to .pdf is refused.
    /// </summary>
    public static string? SniffMediaType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        return null;
    }

    /// <summary>Problems with one attachment, worded for the user; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(EvidenceFile file) => Check(file, MaxBytes);

    /// <param name="maxBytes">A deployment's own limit (configuration), never above <see cref="MaxBytes"/>.</param>
    public static IReadOnlyList<string> Check(EvidenceFile file, long maxBytes)
    {
        maxBytes = Math.Min(maxBytes, MaxBytes);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.FileName)) problems.Add("thiếu tên tệp / file name missing");
        if (!MediaTypes.Contains(file.MediaType, StringComparer.OrdinalIgnoreCase))
            problems.Add($"'{file.FileName}': chỉ nhận PDF, PNG, JPEG (không nhận {file.MediaType}) / only PDF or image");
        if (file.SizeBytes <= 0 || file.SizeBytes > maxBytes)
            problems.Add($"'{file.FileName}': kích thước {file.SizeBytes} byte, phải từ 1 đến {maxBytes} byte / size out of range");
        if (!Sha256Hex().IsMatch(file.Sha256))
            problems.Add($"'{file.FileName}': mã băm SHA-256 phải là 64 ký tự hex / SHA-256 must be 64 hex digits");
        return problems;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
