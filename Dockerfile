# syntax=docker/dockerfile:1
# Arena: multi-stage build. better-sqlite3 and argon2 compile from source, so the build and
# dependency stages carry a compiler; the runtime stage carries only Node, the production
# dependencies and dist/.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV SCARF_ANALYTICS=false

# Build: every dependency (dev included), then the workspace packages (packages/*/dist: the
# engine, the socket protocol, the client library), `nest build` into dist/ and the web client
# into web/dist. The workspaces' package.json files come before `npm ci`, which links them.
FROM toolchain AS build
COPY package.json package-lock.json ./
COPY packages/engine/package.json ./packages/engine/
COPY packages/protocol/package.json ./packages/protocol/
COPY packages/client/package.json ./packages/client/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY packages/engine/tsconfig.json packages/engine/tsconfig.build.json ./packages/engine/
COPY packages/engine/src ./packages/engine/src
COPY packages/protocol/tsconfig.json packages/protocol/tsconfig.build.json ./packages/protocol/
COPY packages/protocol/src ./packages/protocol/src
COPY packages/client/tsconfig.json packages/client/tsconfig.build.json ./packages/client/
COPY packages/client/src ./packages/client/src
COPY src ./src
COPY web ./web
RUN npm run build

# Production dependencies only, native modules compiled for this image (and the links to the
# workspaces, node_modules/@arena/engine -> packages/engine, @arena/protocol -> packages/protocol).
FROM toolchain AS deps
COPY package.json package-lock.json ./
COPY packages/engine/package.json ./packages/engine/
COPY packages/protocol/package.json ./packages/protocol/
COPY packages/client/package.json ./packages/client/
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    SQLITE_PATH=/app/data/arena.sqlite \
    AVATAR_DIR=/app/data/avatars
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/packages/engine/dist ./packages/engine/dist
COPY --from=build --chown=node:node /app/packages/protocol/dist ./packages/protocol/dist
# The web client Arena serves at / (WEB_DIR defaults to /app/web/dist).
COPY --from=build --chown=node:node /app/web/dist ./web/dist
COPY --chown=node:node package.json ./
COPY --chown=node:node packages/engine/package.json ./packages/engine/
COPY --chown=node:node packages/protocol/package.json ./packages/protocol/
COPY --chown=node:node scripts/ledger-deploy.js ./scripts/
# avatars/ exists in the image so a volume mounted there (deploy/compose.yml) belongs to node.
RUN mkdir -p /app/data/avatars && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
