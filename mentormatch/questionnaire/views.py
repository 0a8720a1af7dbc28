"""Questionnaire pages: participants answer; coordinators edit a round's questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentormatch.accounts.access import coordinator_required
from mentormatch.questionnaire import selectors, services
from mentormatch.questionnaire.defaults import questionnaire_install_defaults
from mentormatch.questionnaire.forms import AnswerForm, QuestionForm, initial_from_answers
from mentormatch.questionnaire.models import Question, ResponseStatus
from mentormatch.rounds.models import ParticipantRole, Round

ROLES = {ParticipantRole.MENTEE.value, ParticipantRole.MENTOR.value}


@login_required
def answer(request: HttpRequest, round_id: int, role: str) -> HttpResponse:
    if role not in ROLES:
        raise Http404("No such page.")
    round = get_object_or_404(Round, pk=round_id)
    if not selectors.can_answer(round=round, user=request.user, role=role):
        return render(
            request,
            "questionnaire/not_open.html",
            {"round": round, "role": role},
            status=403,
        )
    questions = list(selectors.questions_for(round=round, role=role))
    response = selectors.response_for(round=round, user=request.user, role=role)
    submitted = response is not None and response.status == ResponseStatus.SUBMITTED
    if request.method == "POST":
        action = request.POST.get("action", "submit")
        if action == "draft":
            form = AnswerForm(request.POST, questions=questions, submit=False)
            services.response_save_draft(
                round=round, user=request.user, role=role, answers=form.draft_answers()
            )
            messages.success(request, "Your draft is saved. Submit it when you are ready.")
            return redirect("questionnaire:answer", round_id=round.pk, role=role)
        form = AnswerForm(request.POST, questions=questions, submit=True)
        if form.is_valid():
            services.response_submit(
                round=round, user=request.user, role=role, answers=form.answers()
            )
            messages.success(request, "Thank you: your answers are submitted.")
            return redirect("questionnaire:answer", round_id=round.pk, role=role)
    else:
        answers = selectors.answers_of(response=response)
        form = AnswerForm(
            initial=initial_from_answers(questions, answers), questions=questions, submit=True
        )
    return render(
        request,
        "questionnaire/answer.html",
        {
            "round": round,
            "role": role,
            "form": form,
            "response": response,
            "submitted": submitted,
        },
    )


@coordinator_required
def questions(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    return render(
        request,
        "questionnaire/questions.html",
        {"round": round, "questions": Question.objects.filter(round=round).order_by("position")},
    )


@coordinator_required
@require_POST
def install_defaults(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    before = Question.objects.filter(round=round).count()
    questionnaire_install_defaults(round=round)
    added = Question.objects.filter(round=round).count() - before
    messages.success(request, f"Added {added} default questions.")
    return redirect("questionnaire:questions", round_id=round.pk)


@coordinator_required
def question_edit(request: HttpRequest, round_id: int, pk: int | None = None) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    question = get_object_or_404(Question, round=round, pk=pk) if pk is not None else None
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question, round=round)
    if request.method == "POST" and form.is_valid():
        saved = services.question_save(
            question=form.save(commit=False), actor=request.user, created=question is None
        )
        messages.success(request, f"Question '{saved.key}' is saved.")
        return redirect("questionnaire:questions", round_id=round.pk)
    return render(
        request,
        "questionnaire/question_form.html",
        {"round": round, "form": form, "question": question},
    )


@coordinator_required
def question_delete(request: HttpRequest, round_id: int, pk: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    question = get_object_or_404(Question, round=round, pk=pk)
    if request.method == "POST":
        try:
            services.question_delete(question=question, actor=request.user)
        except services.QuestionInUse as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Question '{question.key}' is deleted.")
        return redirect("questionnaire:questions", round_id=round.pk)
    return render(
        request,
        "questionnaire/question_delete.html",
        {"round": round, "question": question, "answer_count": question.answers.count()},
    )


@coordinator_required
@require_POST
def question_move(request: HttpRequest, round_id: int, pk: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    question = get_object_or_404(Question, round=round, pk=pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.question_move(question=question, direction=direction, actor=request.user)
    return redirect("questionnaire:questions", round_id=round.pk)
