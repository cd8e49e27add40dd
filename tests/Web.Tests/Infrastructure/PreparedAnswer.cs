using System.Net;
using System.Text.Json;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>GETs an answer that may be prepared in the background: on 202 follows the job (Location) until it ends, then asks again.</summary>
public static class PreparedAnswer
{
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Accepted) return response;
            var state = await WaitForJobAsync(client, response.Headers.Location!.ToString());
            Assert.True(state == "Succeeded", $"{url}: the job preparing it ended {state}");
        }
        throw new InvalidOperationException($"{url} still answers 202 after its jobs succeeded five times");
    }

    public static async Task<string> GetStringAsync(HttpClient client, string url)
    {
        var response = await GetAsync(client, url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Polls GET /api/jobs/{id} until the job is no longer queued or running; returns its final state.</summary>
    public static async Task<string> WaitForJobAsync(HttpClient client, string jobUrl)
    {
        while (true)
        {
            using var job = JsonDocument.Parse(await client.GetStringAsync(jobUrl));
            var state = job.RootElement.GetProperty("state").GetString()!;
            if (state is not ("Queued" or "Running")) return state;
            await Task.Delay(250);
        }
    }
}
