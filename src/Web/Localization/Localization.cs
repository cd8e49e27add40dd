using System.Globalization;
using Microsoft.AspNetCore.Localization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DiaBan.Web;

/// <summary>Vietnamese first (vi-VN numbers and dates), English as the second resource set.</summary>
public static class Localization
{
    public const string DefaultCulture = "vi-VN";

    public static string[] SupportedCultures { get; } = [DefaultCulture, "en"];

    public static IServiceCollection AddDiaBanLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // write Vietnamese letters as themselves, not as &#x...; entities (pages stay readable and smaller)
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        // the models' reasons and the patrol explanations in the request's language (one renderer each)
        services.AddSingleton<Risk.RiskReasonText>();
        services.AddSingleton<Risk.PatrolAssignmentText>();
        // the plan-target enums' words (verdict, indicator, key type) on the targets page and the dashboard
        services.AddSingleton<TargetTexts>();
        // the recognition procedure's states, actions and roles in the request's language
        services.AddSingleton<RecognitionText>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(DefaultCulture)
                .AddSupportedCultures(SupportedCultures)
                .AddSupportedUICultures(SupportedCultures);
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Vietnamese whatever the browser asks for (issue 8 §7): only the language switch (cookie) or ?culture= changes it
            options.RequestCultureProviders = [.. options.RequestCultureProviders.Where(p => p is not AcceptLanguageHeaderRequestCultureProvider)];
        });
        return services;
    }

    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
}
