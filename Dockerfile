# syntax=docker/dockerfile:1
# Norvalt: one image for the web server (Next.js standalone), the job worker and the one-off migrate step.
#   docker build -t norvalt .
#   web:     docker run norvalt                         (node server.js, port 3000)
#   worker:  docker run norvalt node jobs/runner.ts
#   migrate: docker run norvalt node scripts/db-migrate.ts
# `npm run prod:smoke` runs the same steps without Docker (README, "Deploy").

ARG NODE_IMAGE=node:24-slim

# --- production dependencies only (no dev tools, no install scripts: sharp's binaries are npm packages) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- build: all dependencies, `next build` with output: "standalone" ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN NODE_ENV=production node node_modules/next/dist/bin/next build

# --- runtime ---
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true \
    HOSTNAME=0.0.0.0 \
    PORT=3000
# The worker and scripts import every production package: the full production node_modules, with the standalone
# server (and its traced subset of the same packages) laid over it.
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Sources the worker, migrate and seed run directly (Node 24 strips the types).
COPY --chown=node:node package.json env.ts ./
COPY --chown=node:node jobs ./jobs
COPY --chown=node:node lib ./lib
COPY --chown=node:node db ./db
COPY --chown=node:node scripts ./scripts
COPY --chown=node:node messages ./messages
COPY --chown=node:node i18n ./i18n
# Dealership-wide exports (NORVALT_EXPORT_DIR): a named volume mounted here starts owned by node.
RUN mkdir -p /data/exports && chown node:node /data/exports
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
