using DiaBan.Analytics.Reporting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiaBan.Reports;

/// <summary>Renders <see cref="ReportDocument"/> to a static HTML string on the server (Blazor's HtmlRenderer).</summary>
public static class ReportHtml
{
    public static async Task<string> RenderAsync(Report report)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ReportDocument>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ReportDocument.Report)] = report }));
            return output.ToHtmlString();
        });
    }
}
