using System.ComponentModel.DataAnnotations;
using DiaBan.Analytics.Planning;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Recognition": limits of the drug-free recognition evidence uploads.</summary>
public sealed class RecognitionOptions
{
    public const string Section = "Recognition";

    /// <summary>Largest evidence file accepted, in bytes (default and ceiling 10 MiB, <see cref="EvidencePolicy.MaxBytes"/>).</summary>
    [Range(1024, EvidencePolicy.MaxBytes)]
    public long MaxEvidenceBytes { get; set; } = EvidencePolicy.MaxBytes;

    /// <summary>Files attached to one step.</summary>
    [Range(1, 20)]
    public int MaxEvidenceFiles { get; set; } = 10;
}
