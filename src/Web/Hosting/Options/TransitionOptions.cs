using System.ComponentModel.DataAnnotations;
using DiaBan.Analytics.Planning;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Transitions": how a commune created by the 1/7/2025 merger gets a status for a year before it existed.</summary>
public sealed class TransitionOptions
{
    public const string Section = "Transitions";

    /// <summary>The stated rule (docs/planning.md): Worst (default, DOMAIN.md §4.3) or PopulationWeighted; a request may
    /// ask for the other with ?rule=.</summary>
    [EnumDataType(typeof(PredecessorRule))]
    public PredecessorRule Rule { get; set; } = PredecessorRule.Worst;
}
