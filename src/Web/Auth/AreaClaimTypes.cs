namespace DiaBan.Web.Auth;

/// <summary>Claim types that carry a user's area into cookies and bearer tokens alike.</summary>
public static class AreaClaimTypes
{
    public const string Province = "diaban:area_province";
    public const string Commune = "diaban:area_commune";
}
