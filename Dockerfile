# Build: .NET SDK plus Node for the npm front-end packages (Leaflet).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd src/Web && npm ci --no-audit --no-fund
RUN dotnet publish src/Web/DiaBan.Web.csproj -c Release -o /app

# Run: the ASP.NET Core runtime image, as its non-root `app` user (uid 1654), listening on 8080.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Chromium prints the report PDFs (ReportPdf; no PDF engine of our own) and Noto fonts cover Vietnamese letters.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-core && rm -rf /var/lib/apt/lists/*
ENV ReportPdf__ChromiumPath=/usr/bin/chromium
WORKDIR /app
COPY --from=build /app .
# data-protection keys (sign-in cookies, tokens) live in a volume mounted here, owned by `app`
RUN mkdir -p /home/app/.aspnet/DataProtection-Keys && chown -R app:app /home/app/.aspnet
USER app
ENV DIABAN_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# no curl in the runtime image: bash's /dev/tcp asks /health (200 only when the database answers)
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "DiaBan.Web.dll"]
