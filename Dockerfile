# One image for every service; the compose file picks the command.
# Stage 1: dependencies, installed from the lockfile only.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g pnpm@10.34.0
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/config/package.json packages/config/
COPY packages/logger/package.json packages/logger/
COPY packages/calendar/package.json packages/calendar/
COPY packages/db/package.json packages/db/
COPY packages/demo-data/package.json packages/demo-data/
COPY packages/shopserve-client/package.json packages/shopserve-client/
COPY packages/eligibility/package.json packages/eligibility/
COPY packages/queue/package.json packages/queue/
COPY packages/export-runs/package.json packages/export-runs/
COPY packages/metrics/package.json packages/metrics/
COPY services/api/package.json services/api/
COPY services/worker/package.json services/worker/
COPY services/shopserve-sandbox/package.json services/shopserve-sandbox/
RUN pnpm install --frozen-lockfile

# Stage 2: the sources, type-checked; the services run them through tsx.
FROM deps AS build
COPY . .
RUN pnpm typecheck

# Stage 3: what runs.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN npm install -g pnpm@10.34.0
COPY --from=build /app /app
USER node
# The worker's node flags: services/worker/src/worker-node-flags.ts.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "--import", "tsx", "services/worker/src/main.ts"]
