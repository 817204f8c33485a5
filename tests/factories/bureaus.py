"""Factories for the portal's models. Pages are created under their real parents with
Wagtail's tree API, so they behave like pages an editor made."""

import factory
from django.contrib.auth import get_user_model

from bureaus.models.bureaus import BureauIndexPage, BureauKind, BureauPage
from bureaus.models.directive import CreationTaskIndexPage, CreationTaskLeadBureau, CreationTaskPage, Mechanism
from bureaus.models.districts import District, DistrictKind


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page as a child of `parent` (default: the model's usual index page)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or cls.default_parent()).add_child(instance=page)
        return page


class BureauFactory(PageFactory):
    class Meta:
        model = BureauPage

    title = factory.Sequence(lambda n: f"测试单位{n}")
    slug = factory.Sequence(lambda n: f"test-bureau-{n}")
    kind = BureauKind.CITY

    @staticmethod
    def default_parent():
        return BureauIndexPage.objects.get()


class CreationTaskFactory(PageFactory):
    class Meta:
        model = CreationTaskPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试任务{n}")
    slug = factory.Sequence(lambda n: f"test-task-{n}")
    mechanism = factory.LazyFunction(lambda: Mechanism.objects.get(number=1))
    number = factory.Sequence(lambda n: 100 + n)
    text = "任务内容"

    @staticmethod
    def default_parent():
        return CreationTaskIndexPage.objects.get()

    @factory.post_generation
    def lead_bureaus(self, create, extracted, **kwargs):
        if create and extracted:
            for order, bureau in enumerate(extracted):
                CreationTaskLeadBureau.objects.create(task=self, bureau=bureau, sort_order=order)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"测试区{n}")
    slug = factory.Sequence(lambda n: f"test-district-{n}")
    kind = DistrictKind.COUNTY
    sort_order = factory.Sequence(lambda n: 100 + n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)
        if create:
            self.save()
