using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>A person who signs in; their area of responsibility (địa bàn phụ trách) limits every query.</summary>
public sealed class DiaBanUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Province code when the user answers for a whole province; null otherwise.</summary>
    public string? AreaProvinceCode { get; set; }

    /// <summary>Commune codes when the user answers for some communes only (e.g. a commune police officer).</summary>
    public List<string> AreaCommuneCodes { get; set; } = [];
}
