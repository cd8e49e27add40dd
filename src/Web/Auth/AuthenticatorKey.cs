using System.Text;

namespace DiaBan.Web.Auth;

/// <summary>How an authenticator key is shown at enrolment: in groups of four to type, and as an otpauth:// URI (RFC 6238, 6 digits, 30 s).</summary>
public static class AuthenticatorKey
{
    public const string Issuer = "DiaBan";

    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}"
        + $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";
}
